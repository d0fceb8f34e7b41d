/** The database kinds the gateway's storage speaks; migrations branch on it where the two differ. */
export type Dialect = 'sqlite' | 'postgres';
