/**
 * The PostgreSQL server used to create throw-away test databases.
 * TEST_DATABASE_URL must name a database of a user allowed to CREATE DATABASE.
 */
export const adminUrl = process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
