import { graphql } from '../gql'

export const AccountsQuery = graphql(`
  query Accounts {
    me { id }
    accounts {
      id
      username
      displayName
      role
      disabled
      createdAt
      scope { __typename name level ... on Node { id } }
    }
  }
`)

export const AccountCreateMutation = graphql(`
  mutation AccountCreate($input: AccountCreateInput!) {
    accountCreate(input: $input) {
      account { id username }
      errors { code field message }
    }
  }
`)
