// The second script, check.js: `tune check` and everything only it needs (the Python evaluator and its
// grammar, the servers' catalogue, the compose and dotenv readers), about half of the code. The page
// loads it when the check tab is first opened (check-view.ts), so a recommendation does not wait for it.
import { runCheckPage } from './check-compute.js';

(globalThis as { tuneCheck?: typeof runCheckPage }).tuneCheck = runCheckPage;
