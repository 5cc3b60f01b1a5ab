// A community's teams (qile_api/teams), as the records pages change them.
import { graphql } from '../gql'

graphql(`
  fragment TeamFields on Team { id kind kindLabel name members activeAllYear version }
`)

export const TeamCreate = graphql(`mutation TeamCreate($input: TeamCreateInput!) { teamCreate(input: $input) { team { ...TeamFields } errors { code field message } } }`)
export const TeamUpdate = graphql(`mutation TeamUpdate($input: TeamUpdateInput!) { teamUpdate(input: $input) { team { ...TeamFields } errors { code field message } } }`)
export const TeamDelete = graphql(`mutation TeamDelete($input: RecordRefInput!) { teamDelete(input: $input) { team { id } errors { code field message } } }`)
