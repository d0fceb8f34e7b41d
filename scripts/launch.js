// `npm start`, `npm run server`, `npm run admin` and `npm run dev` begin here, in plain JavaScript: a
// Node.js too old to run TypeScript (the rest of Haru) is told which version Haru needs instead of
// failing on the first `.ts` file. The first argument names the script in this folder to run.
import { nodeVersionProblem } from './node-version.js';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  console.error(problem);
  process.exit(1);
}
const [script] = process.argv.splice(2, 1);
await import(`./${script}.ts`);
