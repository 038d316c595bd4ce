/** Validates real answers against docs/openapi.yaml, and records which operations were exercised. */
import fs from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { $ref?: string }> }>> };

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const escape = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

export class OpenApiValidator {
  readonly doc: Doc;
  private readonly ajv: Ajv2020;
  readonly seen = new Set<string>();

  constructor(file: string) {
    this.doc = parse(fs.readFileSync(file, 'utf8')) as Doc;
    // strict off: an OpenAPI document has keywords (paths, info...) that are not JSON Schema.
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(this.doc, 'openapi');
  }

  /** Throws unless `body` matches the documented JSON answer of (method, path, status). */
  check(method: string, path: string, status: number, body: unknown): void {
    const op = this.doc.paths[path]?.[method.toLowerCase()];
    if (!op) throw new Error(`undocumented operation ${method} ${path}`);
    const response = op.responses[String(status)];
    if (!response) throw new Error(`undocumented status ${status} for ${method} ${path}`);
    const base = response.$ref ?? `#/paths/${escape(path)}/${method.toLowerCase()}/responses/${String(status)}`;
    const validate = this.ajv.compile({ $ref: `openapi${base}/content/application~1json/schema` });
    if (!validate(body)) {
      const errors = (validate.errors ?? [])
        .slice(0, 5)
        .map((e: ErrorObject) => `${e.instancePath} ${e.message ?? ''}`);
      throw new Error(`${method} ${path} ${status}: ${errors.join('; ')}\n${JSON.stringify(body).slice(0, 500)}`);
    }
    this.seen.add(`${method.toUpperCase()} ${path} ${status}`);
  }

  /** Records a non-JSON answer (event stream, document bytes) as checked. */
  mark(method: string, path: string, status: number): void {
    if (!this.doc.paths[path]?.[method.toLowerCase()]?.responses[String(status)]) {
      throw new Error(`undocumented ${method} ${path} ${status}`);
    }
    this.seen.add(`${method.toUpperCase()} ${path} ${status}`);
  }

  /** Throws unless `value` matches the data documented for the event `name` of the stream at (GET, path). */
  checkEvent(path: string, name: string, value: unknown): void {
    const at = `#/paths/${escape(path)}/get/responses/200/content/text~1event-stream/x-event-data/${name}`;
    const validate = this.ajv.compile({ $ref: `openapi${at}` });
    if (!validate(value)) {
      const errors = (validate.errors ?? [])
        .slice(0, 5)
        .map((e: ErrorObject) => `${e.instancePath} ${e.message ?? ''}`);
      throw new Error(`${name}: ${errors.join('; ')}\n${JSON.stringify(value).slice(0, 500)}`);
    }
  }

  operations(): string[] {
    return Object.entries(this.doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
  }
}
