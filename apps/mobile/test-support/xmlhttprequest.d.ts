declare module 'xmlhttprequest' {
  export const XMLHttpRequest: new () => unknown;
}
