/**
 * Types for host pages and frameworks, derived from the elements themselves
 * (their classes, `IcEventMap` and `IcElementEvents`) so they cannot drift
 * from what the elements accept and fire.
 */
import type { LitElement } from 'lit';

/** Every public tag: those that declare their events (the inner payment-method form is not one). */
export type IcTag = keyof IcElementEvents & keyof HTMLElementTagNameMap;

/** The element class behind a tag. */
export type IcElementOf<Tag extends IcTag> = HTMLElementTagNameMap[Tag];

/** The events an element fires, as the `CustomEvent` a listener receives. */
export type IcEventOf<Name extends keyof IcEventMap> = CustomEvent<IcEventMap[Name]>;

type IfEquals<X, Y, A, B> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B;
/** Keys a host can assign: getters without setters (`busy`, `client`) are readonly in the type. */
type WritableKeys<T> = { [K in keyof T]-?: IfEquals<{ [Q in K]: T[K] }, { -readonly [Q in K]: T[K] }, K, never> }[keyof T];

/**
 * The properties a host may set on an element: its own writable fields
 * (`endpoint`, `token`, `accountNumber`, …), not methods and not what every
 * LitElement has. All optional, as attributes are.
 */
export type IcPropertiesOf<Tag extends IcTag> = {
  [
    K in WritableKeys<IcElementOf<Tag>> as K extends keyof LitElement
      ? never
      : IcElementOf<Tag>[K] extends (...args: never[]) => unknown
        ? never
        : K
  ]?: IcElementOf<Tag>[K];
};

/** `ic-payment-succeeded` → `IcPaymentSucceeded` (how Vue names the handler of a kebab-case event). */
export type PascalCase<S extends string> = S extends `${infer Head}-${infer Rest}`
  ? `${Capitalize<Head>}${PascalCase<Rest>}`
  : Capitalize<S>;
