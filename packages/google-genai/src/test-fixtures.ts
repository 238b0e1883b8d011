// Test support only (not built, not exported): Gemini API wire-format payloads, as the API sends
// them, and the three SDK majors the tests run against.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { GoogleGenAI } from '@google/genai';
import type { FakeReply } from './test-server.js';

const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

function installedVersion(name: string): string {
  const entry = createRequire(import.meta.url).resolve(name);
  const root = entry.slice(0, entry.lastIndexOf(`/node_modules/${name}/`) + `/node_modules/${name}/`.length);
  return (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string }).version;
}

export interface Sdk {
  version: string;
  /** Why its tests are skipped on this Node.js, if they are. */
  skip: string | false;
  load(): Promise<typeof GoogleGenAI>;
}

/**
 * The SDKs under test; 1.x and 3.x have the surface the tests use (`models.generateContent`,
 * `models.generateContentStream`, `chats`, `ApiError`), so they are typed as 2.x here. 3.x
 * declares Node.js 22 or later, so its tests run only there.
 */
export const SDKS: Sdk[] = [
  { version: installedVersion('@google/genai'), skip: false, load: async () => (await import('@google/genai')).GoogleGenAI },
  { version: installedVersion('google-genai-v1'), skip: false, load: async () => (await import('google-genai-v1')).GoogleGenAI as unknown as typeof GoogleGenAI },
  {
    version: installedVersion('google-genai-v3'),
    skip: NODE_MAJOR >= 22 ? false : '@google/genai 3 requires Node 22 (engines >=22); runs in the Node 22 and 24 CI runs',
    load: async () => (await import('google-genai-v3')).GoogleGenAI as unknown as typeof GoogleGenAI,
  },
];

export const MODEL = 'gemini-2.5-flash';
/** The model version the fake API answers with. */
export const ANSWER = 'gemini-2.5-flash-preview-09-2025';

/**
 * The completed event's data (timings left out) of a call answered with prompt 10, candidates 3,
 * thoughts 7 and cached 4 tokens by the server on `port`: output is candidates plus thoughts.
 */
export function expectedCompletion(port: number) {
  return {
    provider: 'google',
    model: ANSWER,
    requestModel: MODEL,
    operation: 'generate_content',
    serverAddress: '127.0.0.1',
    serverPort: port,
    inputTokens: 10,
    outputTokens: 10,
    cachedTokens: 4,
    reasoningTokens: 7,
    finishReason: 'STOP',
  };
}

/** A `GenerateContentResponse` body as the API sends it. */
export function response(modelVersion: string | undefined, text: string, usageMetadata: unknown, finishReason = 'STOP') {
  return {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason, index: 0 }],
    ...(usageMetadata === undefined ? {} : { usageMetadata }),
    ...(modelVersion === undefined ? {} : { modelVersion }),
    responseId: 'resp-test',
  };
}

export function responseReply(modelVersion: string | undefined, text: string, usageMetadata: unknown, finishReason = 'STOP'): FakeReply {
  return { status: 200, json: response(modelVersion, text, usageMetadata, finishReason) };
}

/**
 * The chunks of a streamed answer, one per text part; `usages[i]` is chunk i's `usageMetadata`
 * (a cumulative snapshot; undefined leaves it out), and the last chunk carries the finish reason.
 */
export function chunks(modelVersion: string, parts: string[], usages: unknown[], finishReason = 'STOP') {
  return parts.map((text, i) => ({
    candidates: [{ content: { role: 'model', parts: [{ text }] }, ...(i === parts.length - 1 ? { finishReason } : {}), index: 0 }],
    ...(usages[i] === undefined ? {} : { usageMetadata: usages[i] }),
    modelVersion,
    responseId: 'resp-test',
  }));
}

/** A plain stream: the prompt count on every chunk, the output counts on the last. */
export function streamReply(modelVersion: string, parts: string[], prompt: number, candidates: number, timing: { delayMs?: number; firstDelayMs?: number } = {}): FakeReply {
  const usages = parts.map((_, i) =>
    i === parts.length - 1 ? { promptTokenCount: prompt, candidatesTokenCount: candidates, totalTokenCount: prompt + candidates } : { promptTokenCount: prompt, totalTokenCount: prompt },
  );
  return { chunks: chunks(modelVersion, parts, usages), ...timing };
}

/** An error as the API sends it with the HTTP status: a google.rpc.Status. */
export function errorReply(code: number, status: string, message: string, details?: unknown[]): FakeReply {
  return { status: code, json: { error: { code, message, status, ...(details ? { details } : {}) } } };
}
