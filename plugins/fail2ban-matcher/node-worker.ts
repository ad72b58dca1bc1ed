/** The worker thread `npm run try` runs jail sets in (see guarded.ts). Node only. */
import {parentPort} from 'node:worker_threads';
import {handleJailRequest, type JailRequest} from './guarded.ts';

parentPort!.on('message', (request: JailRequest) => handleJailRequest(request, (message) => parentPort!.postMessage(message)));
