'use strict';
// Entry of the store thread (see store-thread.ts): loads the TypeScript
// sources through the same SWC hook as the launcher, then runs the store.
require('../../../tools/register');
require('./store-thread-run.ts');
