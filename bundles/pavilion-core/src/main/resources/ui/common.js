// The platform pages' helpers: the shell's kit (/ui/shell/kit.js) with the platform's stylesheet and messages.
import { KitPage, errorText as kitErrorText } from '/ui/shell/kit.js';

export { alertRegion, can, focusSoon, formValues, pager, scrollTable } from '/ui/shell/kit.js';

const SHEET = new URL('./platform.css', import.meta.url).href;

/** The text of an API error for an inline role=alert region. */
export function errorText(ctx, error) {
  return kitErrorText(ctx, error, 'platform.error.unexpected');
}

/** Base class: the platform's stylesheet, then start() once ctx is set and the element is in the document. */
export class PlatformPage extends KitPage {
  constructor() {
    super(SHEET);
  }
}
