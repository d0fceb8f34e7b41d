// `npm start` begins here, in plain JavaScript: a Node.js too old to run TypeScript (the rest of Haru)
// is told which version Haru needs instead of failing on the first `.ts` file.
import { nodeVersionProblem } from './node-version.js';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  console.error(problem);
  process.exit(1);
}
await import('./start.ts');
