// `npm run stop`: ends processes a killed `npm start` or `npm test` left running.
import { runMain } from './lib/log.mjs';
import { stopLeftovers } from './lib/processes.mjs';

await runMain(stopLeftovers);
