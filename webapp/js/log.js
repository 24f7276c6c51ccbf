// The open conversation's messages on screen: each in its place by seq, the reader's place kept while older pages
// come in above and new messages below, and a first line that says whether older messages can still be loaded.
import { historyEdge, messageItem, showState } from './render.js';

const FOLLOW_WITHIN_PX = 48;

function order(item) {
  return item.dataset.seq === '' ? Infinity : Number(item.dataset.seq);
}

export class MessageLog {
  #list;
  #items = new Map(); // message key → its element
  #edge = null;

  #pinned = true; // the reader is at the bottom, following new messages

  constructor(list) {
    this.#list = list;
    list.addEventListener('scroll', () => {
      this.#pinned = this.#atBottom();
    });
    // a window made smaller (a phone turned, a keyboard opened) keeps the newest messages in view
    new ResizeObserver(() => {
      if (this.#pinned) {
        this.toBottom();
      }
    }).observe(list);
  }

  /** Empties the log for another conversation; `history` as for {@link edge}. */
  clear(history) {
    this.#items = new Map();
    this.#edge = null;
    this.#list.replaceChildren();
    this.edge(history);
  }

  /** @param history 'loading', 'more', 'all', or 'none' (nothing to say: signed out) */
  edge(history) {
    const next = historyEdge(history);
    if (this.#edge) {
      this.#edge.replaceWith(next);
    } else {
      this.#list.prepend(next);
    }
    this.#edge = next;
  }

  has(key) {
    return this.#items.has(key);
  }

  remove(key) {
    this.#items.get(key)?.remove();
    this.#items.delete(key);
  }

  toBottom() {
    this.#list.scrollTop = this.#list.scrollHeight;
  }

  /** A line of the page's own (connected, someone came online, an error), after everything shown. */
  say(item) {
    this.#follow(item, () => this.#list.append(item));
  }

  /**
   * Shows a message in its place by seq (pending ones last), or brings its state up to date. `live`: it just
   * came, and the log follows it down if the reader is at the bottom; otherwise it is history, older than any line
   * the page said since the conversation opened.
   */
  place(message, state, live) {
    let item = this.#items.get(message.key);
    if (item) {
      showState(item, message, state);
      return;
    }
    item = messageItem(message, state);
    this.#items.set(message.key, item);
    const seq = order(item);
    const shown = [...this.#list.querySelectorAll('li.msg')];
    const next = shown.find((other) => order(other) > seq);
    let insert;
    if (next) {
      insert = () => this.#list.insertBefore(item, next);
    } else if (live) {
      insert = () => this.#list.append(item);
    } else {
      const previous = shown.findLast((other) => order(other) < seq) ?? this.#edge;
      insert = () => (previous ? previous.after(item) : this.#list.prepend(item));
    }
    if (live) {
      this.#follow(item, insert);
    } else {
      insert();
    }
  }

  #follow(item, insert) {
    if (item.classList.contains('own')) {
      insert();
      this.toBottom();
    } else {
      this.keepingPlace(insert);
    }
  }

  #atBottom() {
    const list = this.#list;
    return list.scrollHeight - list.scrollTop - list.clientHeight < FOLLOW_WITHIN_PX;
  }

  /**
   * Changes the log without moving what the reader looks at: at the bottom it stays at the bottom (new messages
   * come into view); scrolled back, the first message in view stays exactly where it was (older pages come in
   * above it).
   */
  keepingPlace(change) {
    const list = this.#list;
    if (this.#atBottom()) {
      change();
      this.toBottom();
      return;
    }
    const top = list.getBoundingClientRect().top;
    const anchor = [...list.querySelectorAll('li.msg')].find((item) => item.getBoundingClientRect().bottom > top);
    const before = anchor?.getBoundingClientRect().top;
    change();
    if (anchor?.isConnected) {
      list.scrollTop += anchor.getBoundingClientRect().top - before;
    }
  }
}
