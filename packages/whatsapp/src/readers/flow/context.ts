import type { FormAction } from '@ferry/core';
import type { IssueCollector } from '../issues.js';
import type { JsonObject } from '../values.js';

/** The state shared while one Flow is read: issues, endpoint use and every navigation target met. */
export interface FlowReadState {
  readonly issues: IssueCollector;
  needsEndpoint: boolean;
  /** Screens named by `navigate` actions, with where they were named, checked once all screens are read. */
  readonly navigations: { readonly screen: string; readonly field: string }[];
}

/** What a component reader knows about the screen it is in. */
export interface ScreenContext {
  readonly state: FlowReadState;
  readonly screenId: string;
  /** The screen's `data` (schema with `__example__` values), for `${data.x}` references. */
  readonly data: JsonObject | undefined;
  /** `init-values` of the enclosing `Form`, by field name. */
  readonly initValues: JsonObject | undefined;
  /** The footer found so far, shared by every component of the screen (it may sit inside If/Switch branches). */
  readonly footer: {
    submit?: { readonly label: string; readonly action: FormAction; readonly field: string };
  };
}
