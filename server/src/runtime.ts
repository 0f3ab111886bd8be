// Imported first by the entry points: libraries read NODE_ENV when they load, and graphql-js
// runs its slower development checks on every value unless it is "production".
process.env.NODE_ENV ??= 'production';
