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
      signInLockedUntil
      version
      createdAt
      scope { __typename name level ... on Node { id } }
    }
    accountsSeeingResidentMobiles { id }
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

/** What every account change answers with: the account as it now is, for the list. */
graphql(`
  fragment ChangedAccount on AccountPayload {
    account { id username version disabled role signInLockedUntil scope { name ... on Node { id } } }
    errors { code field message }
  }
`)

export const AccountUpdateMutation = graphql(`
  mutation AccountUpdate($input: AccountUpdateInput!) {
    accountUpdate(input: $input) { ...ChangedAccount }
  }
`)

export const AccountDisableMutation = graphql(`
  mutation AccountDisable($input: AccountRefInput!) {
    accountDisable(input: $input) { ...ChangedAccount }
  }
`)

export const AccountEnableMutation = graphql(`
  mutation AccountEnable($input: AccountRefInput!) {
    accountEnable(input: $input) { ...ChangedAccount }
  }
`)

export const AccountResetPasswordMutation = graphql(`
  mutation AccountResetPassword($input: AccountResetPasswordInput!) {
    accountResetPassword(input: $input) { ...ChangedAccount }
  }
`)

export const AccountUnlockMutation = graphql(`
  mutation AccountUnlock($input: AccountUnlockInput!) {
    accountUnlock(input: $input) { ...ChangedAccount }
  }
`)

/** 联系居民权限: let the account see residents' full mobile numbers, or stop it. */
export const AccountResidentMobilesSetMutation = graphql(`
  mutation AccountResidentMobilesSet($input: AccountResidentMobilesInput!) {
    accountResidentMobilesSet(input: $input) {
      seesResidentMobiles
      errors { code field message }
    }
  }
`)
