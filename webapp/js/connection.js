import { reconnects } from './close-codes.js';

// Reconnect waits double from BASE_MS up to CAP_MS; each wait is drawn from the upper half of that ceiling so
// that pages dropped together (a server restart) do not all come back in the same instant.
const BASE_MS = 500;
const CAP_MS = 30_000;

function socketUrl(query) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  // the page sits at the application's root, so its directory is the context path (e.g. '/parley')
  const contextPath = location.pathname.replace(/\/[^/]*$/, '');
  return `${scheme}//${location.host}${contextPath}/ws?${query}`;
}

/**
 * One chat connection that keeps itself up until the user disconnects or the server refuses who they are
 * (a ticket that expired or was signed out, a name refused in open mode).
 * Emits 'state' (detail: {state, user?, seconds?, code?, reason?, byUser?}) with state one of
 * connecting / connected / reconnecting / disconnected, and 'frame' (detail: a parsed server frame).
 */
export class Connection extends EventTarget {
  #query = () => '';
  #socket = null;
  #ready = false;
  #maxFrameBytes = Infinity;
  #attempt = 0;
  #retryTimer = 0;
  #tickTimer = 0;

  /** @param query gives the handshake's query string each time it connects: a renewed ticket is used at once */
  connect(query) {
    this.#stop();
    this.#query = query;
    this.#attempt = 0;
    this.#open();
  }

  disconnect() {
    this.#stop();
    this.#emit('disconnected', { byUser: true });
  }

  /** Skips the rest of a reconnect wait, e.g. when the browser reports the network is back. */
  retryNow() {
    if (this.#retryTimer) {
      this.#stop();
      this.#open();
    }
  }

  /** @returns 'sent', 'not-connected' or 'too-large' */
  send(frame) {
    // the protocol asks for nothing to be sent before welcome
    if (!this.#ready) {
      return 'not-connected';
    }
    const text = JSON.stringify(frame);
    // an oversized frame would make the server close the connection (1009); refuse it here instead
    if (new TextEncoder().encode(text).length > this.#maxFrameBytes) {
      return 'too-large';
    }
    this.#socket.send(text);
    return 'sent';
  }

  get maxFrameBytes() {
    return this.#maxFrameBytes;
  }

  #open() {
    this.#emit('connecting');
    const socket = new WebSocket(socketUrl(this.#query()));
    this.#socket = socket;
    // a socket we have let go of may still report; only the current one speaks
    socket.addEventListener('message', (event) => {
      if (socket === this.#socket) {
        this.#receive(event.data);
      }
    });
    socket.addEventListener('close', (event) => {
      if (socket !== this.#socket) {
        return;
      }
      this.#socket = null;
      this.#ready = false;
      if (reconnects(event.code)) {
        this.#scheduleRetry(event.code, event.reason);
      } else {
        this.#emit('disconnected', { code: event.code, reason: event.reason });
      }
    });
  }

  #receive(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return; // every server frame is JSON; anything else is not ours to show
    }
    this.dispatchEvent(new CustomEvent('frame', { detail: frame }));
    if (frame.type === 'welcome') {
      this.#ready = true;
      this.#attempt = 0;
      this.#maxFrameBytes = frame.maxFrameBytes ?? Infinity;
      this.#emit('connected', { user: frame.user });
    }
  }

  #scheduleRetry(code, reason) {
    const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** this.#attempt);
    this.#attempt += 1;
    const retryAt = Date.now() + ceiling / 2 + Math.random() * ceiling / 2;
    const countdown = () => this.#emit('reconnecting', {
      seconds: Math.max(1, Math.ceil((retryAt - Date.now()) / 1000)), code, reason,
    });
    this.#retryTimer = setTimeout(() => {
      this.#clearTimers();
      this.#open();
    }, retryAt - Date.now());
    this.#tickTimer = setInterval(countdown, 1000);
    countdown();
  }

  #stop() {
    this.#clearTimers();
    this.#ready = false;
    const socket = this.#socket;
    this.#socket = null;
    socket?.close();
  }

  #clearTimers() {
    clearTimeout(this.#retryTimer);
    clearInterval(this.#tickTimer);
    this.#retryTimer = 0;
    this.#tickTimer = 0;
  }

  #emit(state, detail = {}) {
    this.dispatchEvent(new CustomEvent('state', { detail: { state, ...detail } }));
  }
}
