import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { Env } from '../config/env.js';

/**
 * Where document bytes live: the local filesystem (DATA_DIR/documents, the default) or an S3-compatible
 * object store (MinIO, AWS S3…). Keys are `<org id>/<owner type>/<document id>`; integrity (sha256),
 * size and type checks are the callers' (db/documents.ts), the same for both stores.
 */
export interface DocumentStore {
  readonly kind: 'FS' | 'S3';
  put(key: string, bytes: Buffer, mimeType: string): Promise<void>;
  get(key: string): Promise<Buffer>;
}

const SAFE_KEY = /^[0-9a-f-]{36}\/[A-Z_]{1,32}\/[0-9a-f-]{36}$/;

export function assertSafeKey(key: string): void {
  if (!SAFE_KEY.test(key)) throw new Error(`unsafe document key ${key}`);
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class FsDocumentStore implements DocumentStore {
  readonly kind = 'FS' as const;
  constructor(private readonly root: string) {}

  private pathOf(key: string) {
    assertSafeKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Written aside then renamed: a reader never sees half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, bytes, { flag: 'w' });
    await rename(tmp, file);
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }
}

export interface S3StoreOptions {
  endpoint?: string | undefined;
  bucket: string;
  region: string;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  forcePathStyle: boolean;
}

export class S3DocumentStore implements DocumentStore {
  readonly kind = 'S3' as const;
  readonly client: S3Client;
  constructor(private readonly options: S3StoreOptions) {
    this.client = new S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.accessKeyId && options.secretAccessKey
        ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
        : {}),
      // Plain Content-MD5-free uploads: S3-compatible servers differ on the newer checksum trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** Creates the bucket when it does not exist (first start against a fresh MinIO). */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.options.bucket }));
    } catch {
      await this.client.send(new CreateBucketCommand({ Bucket: this.options.bucket }));
    }
  }

  async put(key: string, bytes: Buffer, mimeType: string): Promise<void> {
    assertSafeKey(key);
    await this.client.send(
      new PutObjectCommand({ Bucket: this.options.bucket, Key: key, Body: bytes, ContentType: mimeType }),
    );
  }

  async get(key: string): Promise<Buffer> {
    assertSafeKey(key);
    const out = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
    if (!out.Body) throw new Error(`document ${key} has no body`);
    return Buffer.from(await out.Body.transformToByteArray());
  }
}

/** S3 when S3_BUCKET is set, else the filesystem under DATA_DIR/documents. */
export function documentStoreFromEnv(env: Env): DocumentStore {
  if (env.S3_BUCKET) {
    return new S3DocumentStore({
      endpoint: env.S3_ENDPOINT,
      bucket: env.S3_BUCKET,
      region: env.S3_REGION,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
    });
  }
  return new FsDocumentStore(path.resolve(env.DATA_DIR, 'documents'));
}
