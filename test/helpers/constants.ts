export const TEST_PASSWORD = 'demo1234';
export const TEST_TASK_QUEUE = 'atlas-crm-test';
export const TEST_APP_ROLE = { user: 'atlas_app', password: 'atlas_app_dev' };
/** Tests sign tokens with a fixed secret of their own (outside production a data directory's would be made). */
export const TEST_JWT_SECRET = 'atlas-test-suite-jwt-secret-not-for-any-install';
