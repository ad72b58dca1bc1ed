// Entry of the worker thread `npm run try` runs jail sets in: loads TypeScript with tsx
// (its CommonJS and ES module hooks, as the tsx command does), then node-worker.ts.
import {register as registerCjs} from 'tsx/cjs/api';
import {register as registerEsm} from 'tsx/esm/api';

registerCjs();
registerEsm();
await import('./node-worker.ts');
