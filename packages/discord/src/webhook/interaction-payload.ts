/** The parts of an interaction payload this package reads. @see PLATFORMS.md §4.5 */
export interface InteractionPayload {
  readonly id: string;
  readonly type: number;
  readonly token?: string;
  readonly channel_id?: string;
  readonly user?: PayloadUser;
  readonly member?: { readonly user?: PayloadUser };
  readonly message?: { readonly id: string; readonly components?: readonly PayloadComponent[] };
  readonly data?: {
    readonly name?: string;
    readonly custom_id?: string;
    readonly values?: readonly string[];
    readonly options?: readonly { readonly name: string; readonly value?: unknown }[];
    readonly components?: readonly PayloadComponent[];
  };
}

/** A user as interactions carry them. */
export interface PayloadUser {
  readonly id: string;
  readonly username?: string;
  readonly global_name?: string | null;
}

/** A component in a message or a submitted modal (rows, labels, buttons, selects, text inputs). */
export interface PayloadComponent {
  readonly type: number;
  readonly custom_id?: string;
  readonly label?: string;
  readonly value?: string;
  readonly values?: readonly string[];
  readonly options?: readonly { readonly label: string; readonly value: string }[];
  readonly components?: readonly PayloadComponent[];
  readonly component?: PayloadComponent;
}

/** Interaction types. @see PLATFORMS.md §4.5 */
export const InteractionKinds = {
  ping: 1,
  command: 2,
  component: 3,
  autocomplete: 4,
  modalSubmit: 5,
} as const;

/** Interaction callback types. @see PLATFORMS.md §4.5 */
export const CallbackKinds = { pong: 1, message: 4, deferredUpdate: 6, modal: 9 } as const;

/** Every component in a tree, depth first. */
export function flattenComponents(components: readonly PayloadComponent[] | undefined): PayloadComponent[] {
  return (components ?? []).flatMap((component) => [
    component,
    ...flattenComponents(component.components),
    ...(component.component === undefined ? [] : flattenComponents([component.component])),
  ]);
}

/** The values of a submitted modal's inputs, by `custom_id` (text inputs give `value`, selects `values`). */
export function modalValues(components: readonly PayloadComponent[] | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const component of flattenComponents(components)) {
    if (component.custom_id === undefined) continue;
    if (typeof component.value === 'string') values[component.custom_id] = component.value;
    else if (component.values !== undefined) values[component.custom_id] = component.values.join(',');
  }
  return values;
}
