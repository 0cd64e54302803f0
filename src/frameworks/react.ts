/**
 * JSX types for React 19. Once a project has `import type {} from 'ic-widgets/react'`
 * (or lists it in `compilerOptions.types`), every `ic-*` tag type-checks in TSX:
 * its properties (React 19 sets them as properties, so objects and booleans
 * arrive as they are) and `on<event-name>` handlers for its `ic-*` events, which
 * React 19 adds as listeners for exactly that event name:
 *
 *   <ic-one-time-pay endpoint="/api/v1" onic-payment-succeeded={(e) => e.detail.receipt} />
 */
import type { HTMLAttributes, RefAttributes } from 'react';
// From the package entry, so the elements' tag and event declarations come along.
import type { IcElementOf, IcEventOf, IcPropertiesOf, IcTag } from '../index.ts';

/** Handlers for the events a tag fires, named as React 19 expects: `on` + the event name. */
export type IcReactHandlers<Tag extends IcTag> = {
  [E in IcElementEvents[Tag] as `on${E}`]?: (event: IcEventOf<E>) => void;
};

/** Everything a tag accepts in React: its properties, its handlers and the usual HTML attributes. */
export type IcReactProps<Tag extends IcTag> = IcPropertiesOf<Tag> &
  IcReactHandlers<Tag> &
  Omit<HTMLAttributes<IcElementOf<Tag>>, keyof IcPropertiesOf<Tag>> &
  RefAttributes<IcElementOf<Tag>>;

type IcReactElements = { [Tag in IcTag]: IcReactProps<Tag> };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends IcReactElements {}
  }
}
