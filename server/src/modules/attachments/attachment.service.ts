import crypto from 'node:crypto';
import { Config } from '../../config';
import { Database } from '../../db/database';
import { appError } from '../../errors';
import { requireEditor, SessionUser } from '../auth/permissions';
import { requireVisibleFeature } from '../edits/visibility';
import { LayerRecord } from '../layers/layer.service';
import {
  attachmentDataSql, attachmentMetaSql, deleteAttachmentSql, featureLayerSql, insertAttachmentSql, listAttachmentsSql,
} from './attachment.sql';
import { AuditActor, recordAudit } from '../audit/audit.service';
import { isId } from '../../domain/ids';
import { featureLabel } from '../../domain/fields';

/** Accepted formats, recognised by their first bytes (the client's Content-Type is not trusted). */
const FORMATS = [
  { type: 'application/pdf', ext: 'pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', ext: 'jpg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', ext: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

export function sniffType(data: Buffer): string | null {
  return FORMATS.find((f) => f.magic.every((b, i) => data[i] === b))?.type ?? null;
}

export interface AttachmentInfo {
  id: string;
  featureId: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
  uploadedBy: string | null;
}

/** Files attached to features: scanned 境界確定図 (PDF), photos (JPEG/PNG). Stored in the database. */
export class AttachmentService {
  constructor(private readonly db: Database, private readonly config: Config) {}

  async upload(user: SessionUser | null, layers: LayerRecord[], featureId: string, filename: string, data: Buffer,
    actor: AuditActor = { user, address: '' }): Promise<AttachmentInfo> {
    if (!isId(featureId)) throw appError('notFeatureId', { value: featureId }, { field: 'featureId' });
    // eslint-disable-next-line no-control-regex -- control characters are what the file name must lose
    const name = filename.normalize('NFC').replace(/[\\/\u0000-\u001f]/g, '_').trim().slice(0, 200);
    if (!name) throw appError('fileNameRequired', {}, { field: 'filename' });
    if (data.length === 0) throw appError('fileEmpty', {}, { field: 'file' });
    if (data.length > this.config.attachmentMaxBytes) {
      throw appError('attachmentTooLarge', { maxMb: Math.round(this.config.attachmentMaxBytes / 1048576) }, { field: 'file' });
    }
    const type = sniffType(data);
    if (!type) throw appError('attachmentType', {}, { field: 'file' });
    return this.db.transaction(async (tx) => {
      const feature = (await tx.query(featureLayerSql, [featureId])).rows[0];
      if (!feature || feature.deleted_at) throw appError('featureNotFound', { id: featureId });
      const layer = layers.find((l) => l.id === feature.layer_id)!;
      requireEditor(user, layer);
      const sha256 = crypto.createHash('sha256').update(data).digest('hex');
      const r = (await tx.query(insertAttachmentSql, [featureId, name, type, data.length, sha256, data, user!.id])).rows[0];
      await recordAudit(tx, { kind: 'attachment.upload', actor, target: String(r.id), layerKey: layer.key,
        details: { filename: r.filename, featureId, featureLabel: featureLabel(layer, feature.attributes), sizeBytes: r.size_bytes } });
      return {
        id: r.id, featureId, filename: r.filename, contentType: r.content_type, sizeBytes: r.size_bytes, sha256: r.sha256,
        uploadedAt: r.uploaded_at, uploadedBy: user!.displayName,
      };
    });
  }

  async list(user: SessionUser | null, layers: LayerRecord[], featureId: string): Promise<AttachmentInfo[]> {
    if (!isId(featureId)) throw appError('notFeatureId', { value: featureId }, { field: 'featureId' });
    await requireVisibleFeature(this.db.pool, user, layers, featureId);
    const { rows } = await this.db.pool.query(listAttachmentsSql, [featureId]);
    return rows.map((r) => ({
      id: r.id, featureId: r.feature_id, filename: r.filename, contentType: r.content_type, sizeBytes: r.size_bytes,
      sha256: r.sha256, uploadedAt: r.uploaded_at, uploadedBy: r.uploaded_by,
    }));
  }

  async download(user: SessionUser | null, layers: LayerRecord[], id: string):
    Promise<{ filename: string; contentType: string; sha256: string; data: Buffer; featureId: string; layerKey?: string }> {
    if (!isId(id)) throw appError('notAttachmentId', { value: id }, { field: 'id' });
    const r = (await this.db.pool.query(attachmentDataSql, [id])).rows[0];
    if (!r) throw appError('attachmentNotFound', { id });
    // The file of a deleted feature is as hidden as the feature (same NOT_FOUND as an unknown id).
    const layer = await requireVisibleFeature(this.db.pool, user, layers, r.feature_id, appError('attachmentNotFound', { id }));
    return { filename: r.filename, contentType: r.content_type, sha256: r.sha256, data: r.data, featureId: String(r.feature_id), layerKey: layer?.key };
  }

  async remove(user: SessionUser | null, layers: LayerRecord[], id: string, actor: AuditActor = { user, address: '' }): Promise<void> {
    if (!isId(id)) throw appError('notAttachmentId', { value: id }, { field: 'id' });
    await this.db.transaction(async (tx) => {
      const a = (await tx.query(attachmentMetaSql, [id])).rows[0];
      if (!a) throw appError('attachmentNotFound', { id });
      const feature = (await tx.query(featureLayerSql, [a.feature_id])).rows[0];
      const layer = layers.find((l) => l.id === feature.layer_id)!;
      requireEditor(user, layer);
      await tx.query(deleteAttachmentSql, [id]);
      await recordAudit(tx, { kind: 'attachment.delete', actor, target: id, layerKey: layer.key,
        details: { featureId: a.feature_id, featureLabel: featureLabel(layer, feature.attributes) } });
    });
  }
}
