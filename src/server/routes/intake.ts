/**
 * The customer portal's door into the helpdesk (login "portal", internal role
 * "intake"): new tickets (JSON) and recovery requests (multipart with one
 * identity document).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ticket, RecoveryRequest } from '../../shared/entities.js';
import { API_PREFIX } from '../../shared/sync-protocol.js';
import type { BackendContext } from '../context.js';
import { HttpError } from '../http/errors.js';
import { todayInZurich } from '../rules/business-hours.js';
import { matchAccount } from '../store/account-keys.js';
import { Documents } from '../store/documents.js';
import { ACCEPTED_FORMATS, parseIntakeTicket, parseRecoveryForm, sniffFormat } from './intake-validation.js';

const MIB = 1024 * 1024;

interface Upload {
  filename: string;
  mimetype: string;
  bytes: Buffer;
}

function tooLarge(max: number): HttpError {
  const size = max % MIB === 0 ? `${max / MIB} MiB` : max % 1024 === 0 ? `${max / 1024} KiB` : `${max} bytes`;
  return new HttpError(413, 'file_too_large', `The document is larger than the limit of ${size}. Send a smaller scan.`);
}

async function readMultipart(
  request: FastifyRequest,
  max: number,
): Promise<{ values: Record<string, string>; file: Upload | null }> {
  if (!request.isMultipart()) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the recovery form as multipart/form-data.');
  }
  const values: Record<string, string> = {};
  let file: Upload | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: max, files: 1, fields: 40, fieldSize: 20_000 } })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'document') file = { filename: part.filename, mimetype: part.mimetype, bytes };
      } else if (typeof part.value === 'string') {
        values[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(max);
    if (code === 'FST_FILES_LIMIT') throw new HttpError(400, 'invalid_body', 'Attach exactly one document.');
    if (err instanceof HttpError) throw err;
    // Everything else thrown here comes from parsing the customer's body (no boundary, a part that never
    // ends, a malformed header): their mistake, so a 400 that says so, not a 500 that blames the server.
    throw new HttpError(
      400,
      'invalid_multipart',
      `The form could not be read as multipart/form-data (${err instanceof Error ? err.message : String(err)}).`,
    );
  }
  return { values, file };
}

export function registerIntakeRoutes(app: FastifyInstance, ctx: BackendContext): void {
  app.post(`${API_PREFIX}/intake/tickets`, async (request, reply) => {
    await ctx.auth.require(request, ['intake']);
    const input = parseIntakeTicket(request.body);
    const accountId = input.accountId ?? null;
    const account = accountId === null ? undefined : await ctx.records.get('account', accountId);
    const fields: Record<string, string> = {};
    if (accountId !== null && !account) fields.accountId = 'No such account.';
    if (!(await ctx.records.get('category', input.categoryId))) fields.categoryId = 'No such category.';
    if (Object.keys(fields).length > 0) {
      throw new HttpError(400, 'invalid_body', `Please correct: ${Object.keys(fields).join(', ')}.`, { fields });
    }
    const phone = input.callbackPhone?.trim() ? input.callbackPhone.trim() : null;
    // The callback number is offered only to Priority Support customers (docs/product-rules.md#callback-numbers).
    if (phone !== null && (account?.prioritySupportUntil ?? '') < todayInZurich(ctx.now())) {
      throw new HttpError(422, 'not_entitled', 'A callback number can only be left with an active Priority Support.');
    }
    const ticket = await ctx.records.write(async (w) => {
      const now = ctx.now().toISOString();
      const t: Ticket = {
        id: await w.newId('ticket'),
        accountId,
        channel: input.channel,
        categoryId: input.categoryId,
        subject: input.subject,
        body: input.body,
        status: 'new',
        priority: 'normal',
        requesterName: input.requesterName,
        requesterEmail: input.requesterEmail,
        language: input.language,
        callbackPhone: phone,
        attachments: [],
        assigneeId: null,
        duplicateOfId: null,
        level: 1,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await w.put('ticket', t);
      return t;
    });
    return reply.code(201).send(ticket);
  });

  app.post(`${API_PREFIX}/intake/recovery-requests`, async (request, reply) => {
    await ctx.auth.require(request, ['intake']);
    const { values, file } = await readMultipart(request, ctx.maxUploadBytes);
    const { fields, language } = parseRecoveryForm(values, file !== null && file.bytes.length > 0);
    if (!file) throw new Error('unreachable: parseRecoveryForm requires the document');
    if (sniffFormat(file.bytes) === null) {
      throw new HttpError(
        415,
        'unsupported_document_format',
        `The document must be a ${ACCEPTED_FORMATS} file; this file's content is none of these, whatever its name says.`,
      );
    }
    const record = await ctx.records.write(async (w) => {
      const now = ctx.now().toISOString();
      const docId = `doc-${randomUUID()}`;
      const id = await w.newId('recovery');
      const stored = await new Documents(w.tx).put(docId, file.bytes, id);
      const req: RecoveryRequest = {
        id,
        status: 'pending',
        fields,
        language,
        matchedAccountId: await matchAccount(w.tx, fields),
        documents: [
          {
            id: docId,
            declaredName: file.filename.slice(0, 500),
            declaredType: file.mimetype.slice(0, 200),
            size: stored.size,
            sha256: stored.sha256,
          },
        ],
        decision: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await w.put('recovery', req);
      return req;
    });
    return reply.code(201).send(record);
  });
}
