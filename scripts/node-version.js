/** The first Node.js that runs TypeScript files and node:sqlite without flags. */
const oldest = [22, 18];

/** Why this Node.js cannot run Haru, in words a person can act on; undefined when it can. */
export function nodeVersionProblem(version) {
  const [major, minor] = version.split('.').map(Number);
  if (major > oldest[0] || (major === oldest[0] && minor >= oldest[1])) return undefined;
  return [
    `Haru needs Node.js ${oldest.join('.')} or newer (24 is recommended); this is Node.js ${version}.`,
    'Install a newer Node.js (https://nodejs.org, or `nvm install 24`), then run `npm start` again.',
  ].join('\n');
}
