/**
 * The Web Worker the whole-page "Try it" matches in, off the page's main
 * thread: a regex that backtracks for ever stalls this worker, not the tab,
 * and the page's watchdog (runGuarded) stops it and goes on without the line.
 */
import {handleJailRequest, type JailMessage, type JailRequest} from '@site/plugins/fail2ban-matcher/guarded';

const scope = self as unknown as {onmessage: ((event: MessageEvent<JailRequest>) => void) | null; postMessage(message: JailMessage): void};
scope.onmessage = (event) => handleJailRequest(event.data, (message) => scope.postMessage(message));
