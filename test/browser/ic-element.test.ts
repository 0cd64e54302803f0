import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { customElement } from 'lit/decorators.js';
import { defineElement, IcElement } from '../../src/base/ic-element.ts';
import '../../src/elements/ic-payment-method-form/ic-payment-method-form.ts';
import { enCommon } from '../../src/i18n/terms/common.ts';
import { enPayFlow } from '../../src/i18n/terms/pay-flow.ts';
import { hasField, waitUntil } from './helpers/dom.ts';

declare global {
  interface IcEventMap {
    'ic-test-happened': { n: number };
  }
}

// An element shows the English tables it imports, as the package's elements do.
const terms = { ...enCommon, ...enPayFlow };

@customElement('ic-test-element')
class IcTestElement extends IcElement<typeof terms> {
  protected readonly localize = this.localized(terms);
  fire() {
    return this.emit('ic-test-happened', { n: 1 }, { cancelable: true });
  }
  override render() {
    return html`<p>${this.localize.term('continue')}</p>`;
  }
}

describe('IcElement', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('emit() dispatches a bubbling, composed event with a plain detail', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div><ic-test-element></ic-test-element></div>`);
    const el = outer.querySelector<IcTestElement>('ic-test-element')!;
    setTimeout(() => el.fire());
    const event = await oneEvent(outer, 'ic-test-happened');
    expect(event.detail).to.deep.equal({ n: 1 });
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
  });

  it('emit() reports a veto of a cancelable event', async () => {
    const el = await fixture<IcTestElement>(html`<ic-test-element></ic-test-element>`);
    el.addEventListener('ic-test-happened', (e) => e.preventDefault());
    expect(el.fire()).to.equal(false);
  });

  it('defineElement() skips a tag that is already defined (two bundle copies on one page)', () => {
    class Another extends IcElement {
      protected readonly localize = this.localized(enCommon);
    }
    expect(() => defineElement('ic-test-element', Another)).to.not.throw();
    expect(customElements.get('ic-test-element')).to.equal(IcTestElement);
    expect(() => defineElement('ic-payment-method-form', Another)).to.not.throw();
  });

  it('re-renders in the new language when <html lang> changes', async () => {
    const el = await fixture<IcTestElement>(html`<ic-test-element></ic-test-element>`);
    expect(el.shadowRoot!.textContent).to.contain('Continue');
    document.documentElement.lang = 'es';
    // The element hears <html lang> change through a MutationObserver, which reports after this task.
    await waitUntil(() => el.shadowRoot!.textContent!.includes('Continuar'), 'the Spanish words');
  });

  it('its own lang wins over the document’s, and is reflected', async () => {
    document.documentElement.lang = 'es';
    const form = await fixture(html`<ic-payment-method-form></ic-payment-method-form>`);
    expect(hasField(form, 'Número de tarjeta')).to.equal(true);
    (form as IcElement).lang = 'en';
    await (form as IcElement).updateComplete;
    expect(form.getAttribute('lang')).to.equal('en');
    expect(hasField(form, 'Card number')).to.equal(true);
  });
});
