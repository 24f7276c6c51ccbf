// The message being written: to whom (the open conversation's person, and whether they can get it now), and
// sending it with Send or Enter.
export class ComposeView {
  #ui;
  #chat;
  #people;
  #connection;
  #say;

  constructor(ui, { chat, people, connection, say }) {
    this.#ui = ui;
    this.#chat = chat;
    this.#people = people;
    this.#connection = connection;
    this.#say = say;
    ui.compose.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#send();
    });
    ui.body.addEventListener('keydown', (event) => {
      // Enter that picks an IME candidate (Chinese, Japanese…) must not send; Safari reports it only as keyCode 229
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        this.#send();
      }
    });
    people.addEventListener('change', () => this.#renderTarget());
    chat.addEventListener('open', () => this.#renderTarget());
    chat.addEventListener('rooms', () => this.#renderTarget());
    this.#renderTarget();
  }

  #renderTarget() {
    const { target, targetLabel } = this.#chat;
    this.#ui.target.textContent = targetLabel;
    this.#ui['target-note'].textContent = target && !this.#people.isOnline(target)
      ? '(offline: kept until they connect)' : '';
    this.#ui.body.placeholder = `Message ${target ?? (this.#chat.openRoom ? targetLabel : 'everyone')}`;
  }

  #send() {
    const { body } = this.#ui;
    body.focus();
    if (!body.value.trim()) {
      return;
    }
    const result = this.#chat.send(body.value);
    if (result === 'too-large') {
      this.#say(`That message is too long to send (the limit is ${this.#connection.maxFrameBytes} bytes).`, 'error');
    } else if (result === 'sent') {
      body.value = '';
    }
  }
}
