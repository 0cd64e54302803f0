/**
 * Template types for Vue 3. Once a project has `import type {} from 'ic-widgets/vue'`
 * (or lists it in `compilerOptions.types`), vue-tsc checks every `ic-*` tag in
 * templates: its properties and `@ic-…` listeners with the event's `detail`.
 * Vue must also be told the tags are custom elements, not Vue components:
 * `compilerOptions.isCustomElement: (tag) => tag.startsWith('ic-')`.
 *
 *   <ic-one-time-pay endpoint="/api/v1" @ic-payment-succeeded="(e) => show(e.detail.receipt)" />
 */
import type { DefineComponent } from 'vue';
// From the package entry, so the elements' tag and event declarations come along.
import type { IcEventOf, IcPropertiesOf, IcTag, PascalCase } from '../index.ts';

/** Listeners as Vue names them: `@ic-payment-succeeded` is the `onIcPaymentSucceeded` prop. */
export type IcVueHandlers<Tag extends IcTag> = {
  [E in IcElementEvents[Tag] as `on${PascalCase<E>}`]?: (event: IcEventOf<E>) => void;
};

/** Everything a tag accepts in a Vue template: its properties and its listeners. */
export type IcVueProps<Tag extends IcTag> = IcPropertiesOf<Tag> & IcVueHandlers<Tag>;

type IcVueComponents = { [Tag in IcTag]: DefineComponent<IcVueProps<Tag>> };

declare module 'vue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalComponents extends IcVueComponents {}
}
