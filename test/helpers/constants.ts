export const TEST_PASSWORD = 'demo1234';
export const TEST_TASK_QUEUE = 'atlas-crm-test';
export const TEST_APP_ROLE = { user: 'atlas_app', password: 'atlas_app_dev' };
/** Tests sign tokens with a fixed secret of their own (outside production a data directory's would be made). */
export const TEST_JWT_SECRET = 'atlas-test-suite-jwt-secret-not-for-any-install';
/** AES-256-GCM key of channel secrets in tests (API and workers alike): base64 of 32 bytes. */
export const TEST_CONFIG_KEY = 'GyjjTHBjNXs1Ybi7RFYBy5HpzEmwNWHilktTGF09F2Y=';
