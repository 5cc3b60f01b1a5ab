// GraphiQL, bundled from npm so that /graphql works on a network without
// internet (a government intranet). No JSX: plain createElement keeps this
// build free of a React compiler plugin.
import { createGraphiQLFetcher } from '@graphiql/toolkit'
import { GraphiQL } from 'graphiql'
import 'graphiql/graphiql.css'
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'
import './page.css'

const WELCOME = `# 齐乐 API · GraphiQL（供开发人员使用；工作人员请使用工作台 /console/）
#
# 工作人员令牌：先运行 login，再在下方 Headers 中填写
#   {"Authorization": "Bearer qu_…"}
# Ctrl-Enter 运行查询。

{
  districts { name subdistricts { name communities { name } } }
}
`

const root = document.getElementById('graphiql')
if (root) {
  const fetcher = createGraphiQLFetcher({ url: new URL('/graphql', window.location.href).toString() })
  createRoot(root).render(createElement(GraphiQL, { fetcher, defaultQuery: WELCOME }))
}
