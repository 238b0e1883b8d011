// Which provider and model a LangChain model run calls, from what the callback manager hands a
// handler at the start of the run. Sources: `metadata` carries the model's `getLsParams()`
// (`ls_provider`, `ls_model_name`; partner packages set them: `@langchain/openai` → `openai`,
// `@langchain/anthropic` → `anthropic`, `@langchain/google-genai` → `google_genai`);
// `extraParams.invocation_params` is the model's `invocationParams()` (`{ model, temperature, … }`).
import { field, text } from '@promptkit/events/adapter';

export interface ModelStart {
  /** The `provider` label: `metadata.ls_provider`, else `invocation_params.provider`, else the fallback. */
  provider: string;
  /** The requested model: `metadata.ls_model_name`, else `invocation_params.model` / `model_name` / `modelName`, else ''. */
  model: string;
}

/** Provider and requested model of a run from its `metadata` and `extraParams` arguments. */
export function modelStart(metadata: unknown, extraParams: unknown, fallbackProvider: string): ModelStart {
  const params = field(extraParams, 'invocation_params');
  return {
    provider: text(field(metadata, 'ls_provider')) ?? text(field(params, 'provider')) ?? fallbackProvider,
    model:
      text(field(metadata, 'ls_model_name')) ??
      text(field(params, 'model')) ??
      text(field(params, 'model_name')) ??
      text(field(params, 'modelName')) ??
      '',
  };
}
