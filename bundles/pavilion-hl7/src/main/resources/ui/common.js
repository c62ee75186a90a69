// The HL7 monitor's helpers: the shell's kit (/ui/shell/kit.js) with the monitor's stylesheet and messages.
import { KitPage, errorText as kitErrorText, focusSoon } from '/ui/shell/kit.js';

export { alertRegion, can, focusSoon, pager, scrollTable } from '/ui/shell/kit.js';

const SHEET = new URL('./hl7.css', import.meta.url).href;

export function errorText(ctx, error) {
  return kitErrorText(ctx, error, 'hl7.error.unexpected');
}

/** HL7 segments are separated by CR; shown one per line. */
export function segments(text) {
  return text ? text.replace(/\r\n?/g, '\n') : '';
}

/** Epoch milliseconds as a date and time in the user's locale (empty when absent). */
export function when(ctx, ms) {
  return ms === null || ms === undefined || ms === 0 ? '' : ctx.fmt.dateTime(new Date(ms).toISOString());
}

/** Base of the two monitors: a list of messages and the details of the one open (this.message). */
export class Hl7Page extends KitPage {
  constructor() {
    super(SHEET);
  }

  /** Opens one message's details; focus moves to their heading, or to the error when the message cannot be read. */
  async openMessage(path, headingSelector, errorSelector) {
    this.detailError = '';
    try {
      this.message = await this.ctx.api.get(path);
    } catch (e) {
      this.message = null;
      this.detailError = errorText(this.ctx, e);
    }
    this.update();
    focusSoon(this, this.message ? headingSelector : errorSelector);
  }

  /** Closes the details; focus returns to the list button that opened them. */
  close() {
    const id = this.message && this.message.id;
    this.message = null;
    this.update();
    focusSoon(this, id ? `button[data-id="${CSS.escape(id)}"]` : 'h1');
  }
}
