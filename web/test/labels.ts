import type { Page } from 'playwright-core';

// Issue #6, item 6: every form control has a name a screen reader can say. The name is computed in
// the page by a small function instead of Chromium's accessibility tree, because Chromium falls back
// to the placeholder (not a label: it disappears once the field is filled) and names an icon-only
// button after its icon's English aria-label ("search", "delete"), which says nothing to our users.

/** What counts as a form control: the brief's list (hidden inputs are not shown, so not asked). */
export const CONTROLS = [
  'input:not([type=hidden])',
  'textarea',
  'select',
  'button',
  '[role=combobox]',
  '[role=checkbox]',
  '[role=radio]',
  '[role=switch]',
  '[role=spinbutton]',
].join(',');

/**
 * Ant Design internals that have no name and take no props to give one; each entry says why it may
 * stay unnamed. Keep this list short: a control of ours belongs in the page, with a label.
 */
export const EXEMPT: { selector: string; why: string }[] = [];

/**
 * "无标签的控件 <tag/role> <what identifies it>" for every visible control in the page with no
 * accessible name: no aria-label, no aria-labelledby pointing at text, no associated <label> with text,
 * and (for buttons) no visible text or title. A placeholder alone does not count. An aria-label in
 * English only (Ant Design's defaults, e.g. "Select all") is "英文标签的控件".
 */
export function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ controls, exempt }) => {
      const text = (el: Element | null | undefined) => (el as HTMLElement | null)?.innerText?.trim() ?? '';
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect();
        // Ant Design's checkboxes and radios are inputs at opacity 0 over their drawn box: shown.
        return r.width > 0 && r.height > 0 && el.checkVisibility({ visibilityProperty: true });
      };
      /** The control's name, as the brief counts it ('' when it has none). */
      const nameOf = (el: Element): string => {
        const label = el.getAttribute('aria-label')?.trim();
        if (label) return label;
        const by = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
        const byText = by
          .map((id) => text(document.getElementById(id)))
          .join(' ')
          .trim();
        if (byText) return byText;
        const labels = [...((el as HTMLInputElement).labels ?? [])].map(text).join(' ').trim();
        if (labels) return labels;
        const isButton = el.tagName === 'BUTTON' || ['checkbox', 'radio', 'switch'].includes(el.role ?? '');
        if (isButton && !(el instanceof HTMLInputElement)) return text(el) || el.getAttribute('title')?.trim() || '';
        const isInputButton = el instanceof HTMLInputElement && ['submit', 'button', 'reset'].includes(el.type);
        return isInputButton ? el.value.trim() : '';
      };
      /** Enough to find the control: its attributes, else the form item's or the nearest text. */
      const identify = (el: Element) => {
        const attrs = ['id', 'name', 'placeholder', 'type', 'title', 'class']
          .map((a) => [a, el.getAttribute(a)] as const)
          .filter(([, v]) => v)
          .map(([a, v]) => `${a}="${v!.slice(0, 60)}"`);
        let near = el.parentElement;
        while (near && text(near) === '' && near !== document.body) near = near.parentElement;
        return `${attrs.join(' ')} near "${text(near).replace(/\s+/g, ' ').slice(0, 40)}"`;
      };
      const out: string[] = [];
      for (const el of document.querySelectorAll(controls)) {
        if (!visible(el) || exempt.some((e) => el.matches(e))) continue;
        const name = nameOf(el);
        const what = `${el.tagName.toLowerCase()}/${el.getAttribute('role') ?? '-'} ${identify(el)}`;
        if (!name) out.push(`无标签的控件 ${what}`);
        // An English aria-label is Ant Design's default ("Select row 1"), never written for our users
        // (visible text may be: the "PDF" and "Word" download buttons).
        else if (/^[\x20-\x7e]*[a-z]{2}[\x20-\x7e]*$/i.test(el.getAttribute('aria-label') ?? ''))
          out.push(`英文标签的控件 "${name}" ${what}`);
      }
      return out;
    },
    { controls: CONTROLS, exempt: EXEMPT.map((e) => e.selector) },
  );
}
