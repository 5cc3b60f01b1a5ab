// PostGraphile 4 on Qile's tables, for the benchmark's side-by-side figure:
// `node server.js DSN PORT`. One Node.js process (as Qile runs one worker),
// no GraphiQL, no query log, the connection-filter plugin so that the feed's
// window conditions can be asked for at all.
'use strict'
const http = require('http')
const { postgraphile } = require('postgraphile')
const ConnectionFilterPlugin = require('postgraphile-plugin-connection-filter')

const [dsn, port] = process.argv.slice(2)
const middleware = postgraphile(dsn, 'public', {
  appendPlugins: [ConnectionFilterPlugin],
  disableDefaultMutations: true,
  disableQueryLog: true,
  graphiql: false,
  enableQueryBatching: false,
  ignoreRBAC: true,
  retryOnInitFail: false,
})
http.createServer(middleware).listen(Number(port), '127.0.0.1', () => {
  console.log(`postgraphile listening on ${port}`)
})
