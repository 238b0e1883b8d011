// `@promptkit/metrics/internal`: plumbing for PromptKit's own packages (the MeterProvider set-up in
// @promptkit/meter-provider and startMetrics()). Not a public API: it may change in any release.
export { adoptMeterProvider, bindingFor } from './provider-binding.js';
export type { Binding, CounterExport, CounterSource } from './provider-binding.js';
export type { CounterCell, CounterFamily } from './series/counter-family.js';
export { labelLimitsProblem } from './series/label-limiter.js';
export { noopPromptKitMetrics } from './record/bound-handles.js';
export { isAmount, MAX_AMOUNT } from './record/recorder.js';
export { exemplarsOf } from './series/exemplars.js';
export type { Exemplar, ExemplarSlot } from './series/exemplars.js';
