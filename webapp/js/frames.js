// The one place a parsed server frame goes in: by its type, to the models it changes, and for the conversations'
// frames to the chat view, which applies them to the Conversations model and shows what changed where it is open.

/**
 * @param targets {session, people, confirmations, chat, say}: `say(text, kind)` is for what concerns no model
 * @returns dispatch(frame)
 */
export function frameDispatcher({ session, people, confirmations, chat, say }) {
  return (frame) => {
    switch (frame.type) {
      case 'welcome':
        session.welcome(frame.user);
        // before people: a first welcome of a sign-in starts the conversations, and with them a fresh log
        chat.welcome(frame.user);
        people.welcome(frame);
        break;
      case 'presence':
        people.presence(frame);
        break;
      case 'message':
        confirmations.heard(frame.seq);
        chat.message(frame);
        break;
      case 'room-event':
        confirmations.heard(frame.seq);
        chat.roomEvent(frame);
        break;
      case 'caught-up':
        confirmations.caughtUp(frame.upTo);
        chat.caughtUp();
        break;
      case 'ack':
        chat.ack(frame);
        break;
      case 'receipt':
        chat.receipt(frame);
        break;
      case 'read':
        chat.read(frame);
        break;
      case 'error':
        // a refused send shows on its message; any other refusal in the log
        if (frame.ref === undefined || !chat.failed(frame)) {
          say(frame.message, 'error');
        }
        break;
      default:
        break; // a newer server may know more frame types; this page ignores them
    }
  };
}
