// Bundle entry for the worker: every workflow type the product runs is exported from here.
export { workerProbe } from './worker-probe.js';
