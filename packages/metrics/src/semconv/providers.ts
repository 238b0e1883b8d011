import * as attributes from './attributes.js';
import {
  GEN_AI_PROVIDER_NAME_VALUE_AWS_BEDROCK,
  GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_INFERENCE,
  GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI,
  GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI,
  GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI,
  GEN_AI_PROVIDER_NAME_VALUE_IBM_WATSONX_AI,
  GEN_AI_PROVIDER_NAME_VALUE_MISTRAL_AI,
  GEN_AI_PROVIDER_NAME_VALUE_X_AI,
} from './attributes.js';

/**
 * The conventions' well-known `gen_ai.provider.name` values (every `GEN_AI_PROVIDER_NAME_VALUE_*`
 * copied in attributes.ts, in the order of their names); they pass through unchanged.
 */
export const GEN_AI_PROVIDER_NAMES: readonly string[] = Object.entries(attributes)
  .filter(([name]) => name.startsWith('GEN_AI_PROVIDER_NAME_VALUE_'))
  .map(([, value]) => value);

/**
 * Common PromptKit provider labels and the well-known value each stands for. `google` is the
 * Gemini API (AI Studio, `generativelanguage.googleapis.com`): `gcp.gemini`; Vertex AI is
 * `gcp.vertex_ai`.
 */
export const GEN_AI_PROVIDER_ALIASES: Readonly<Record<string, string>> = {
  google: GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI,
  gemini: GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI,
  'google-ai': GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI,
  'google-genai': GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI,
  'google.generative-ai': GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI,
  // LangChain's provider ids (`ls_provider`).
  google_genai: GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI,
  google_vertexai: GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI,
  amazon_bedrock: GEN_AI_PROVIDER_NAME_VALUE_AWS_BEDROCK,
  vertex: GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI,
  vertexai: GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI,
  'vertex-ai': GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI,
  vertex_ai: GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI,
  'google-vertex': GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI,
  'google.vertex': GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI,
  bedrock: GEN_AI_PROVIDER_NAME_VALUE_AWS_BEDROCK,
  'aws-bedrock': GEN_AI_PROVIDER_NAME_VALUE_AWS_BEDROCK,
  'amazon-bedrock': GEN_AI_PROVIDER_NAME_VALUE_AWS_BEDROCK,
  azure: GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI,
  'azure-openai': GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI,
  azure_openai: GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI,
  'azure-ai-inference': GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_INFERENCE,
  mistral: GEN_AI_PROVIDER_NAME_VALUE_MISTRAL_AI,
  mistralai: GEN_AI_PROVIDER_NAME_VALUE_MISTRAL_AI,
  'mistral-ai': GEN_AI_PROVIDER_NAME_VALUE_MISTRAL_AI,
  xai: GEN_AI_PROVIDER_NAME_VALUE_X_AI,
  'x-ai': GEN_AI_PROVIDER_NAME_VALUE_X_AI,
  watsonx: GEN_AI_PROVIDER_NAME_VALUE_IBM_WATSONX_AI,
  'ibm-watsonx': GEN_AI_PROVIDER_NAME_VALUE_IBM_WATSONX_AI,
};

const wellKnown = new Set(GEN_AI_PROVIDER_NAMES);
const aliases = new Map(Object.entries(GEN_AI_PROVIDER_ALIASES));

function known(name: string): string | undefined {
  return wellKnown.has(name) ? name : aliases.get(name);
}

/**
 * The `gen_ai.provider.name` for a PromptKit provider label: a well-known value as is, an alias
 * mapped (`google` → `gcp.gemini`), a dotted client id by its known head (`openai.chat` →
 * `openai`, `google.vertex.chat` → `gcp.vertex_ai`), anything else lower-cased as given (the
 * conventions allow custom values).
 */
export function genAiProviderName(provider: string): string {
  const name = provider.trim().toLowerCase();
  const direct = known(name);
  if (direct !== undefined) return direct;
  for (let dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
    const head = known(name.slice(0, dot));
    if (head !== undefined) return head;
  }
  return name;
}
