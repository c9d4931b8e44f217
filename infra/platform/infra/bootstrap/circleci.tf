# CircleCI jobs exchange their OIDC token (CIRCLE_OIDC_TOKEN_V2, whose sub is
# org/<org>/project/<project>/user/<user>/vcs-origin/<origin>/vcs-ref/<ref>)
# for a short session of one of these roles. The sub is what AWS can check:
# the write roles trust only pipelines of the protected branch of this
# repository; the plan role, read-only, trusts every branch (pull-request
# plans). Which job gets which role is decided by the CircleCI contexts that
# hold the ARNs (rocket-club-prod for writers, rocket-club-prod-plan for
# plans); AWS cannot read the context-ids claim, so the branch pin is what
# keeps a pushed branch with an edited config away from the write roles.
resource "aws_iam_openid_connect_provider" "circleci" {
  url            = "https://oidc.circleci.com/org/${var.circleci_org_id}"
  client_id_list = [var.circleci_org_id]
}

locals {
  oidc_claim   = "oidc.circleci.com/org/${var.circleci_org_id}"
  sub_prefix   = "org/${var.circleci_org_id}/project/${var.circleci_project_id}/user/*/vcs-origin/github.com/${var.github_repository}/vcs-ref"
  main_subject = "${local.sub_prefix}/refs/heads/${var.protected_branch}"

  # Role name => the subjects it trusts. Named outside the workload prefix,
  # so that nothing the apply role may manage can match them.
  ci_roles = {
    terraform-plan     = { subjects = ["${local.sub_prefix}/refs/heads/*"], session = 3600 }
    terraform-apply    = { subjects = [local.main_subject], session = 7200 }
    image-push         = { subjects = [local.main_subject], session = 3600 }
    base-image-refresh = { subjects = [local.main_subject], session = 3600 }
  }
}

data "aws_iam_policy_document" "ci_trust" {
  for_each = local.ci_roles

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.circleci.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_claim}:aud"
      values   = [var.circleci_org_id]
    }

    condition {
      test     = "StringLike"
      variable = "${local.oidc_claim}:sub"
      values   = each.value.subjects
    }
  }
}

resource "aws_iam_role" "ci" {
  for_each = local.ci_roles

  name                 = "rocket-club-ci-${each.key}"
  description          = "CircleCI ${each.key} for ${var.github_repository} (infra/platform/infra/bootstrap)"
  assume_role_policy   = data.aws_iam_policy_document.ci_trust[each.key].json
  max_session_duration = each.value.session
}

resource "aws_iam_role_policy" "ci" {
  for_each = {
    terraform-plan     = data.aws_iam_policy_document.plan.json
    terraform-apply    = data.aws_iam_policy_document.apply.json
    image-push         = data.aws_iam_policy_document.image_push.json
    base-image-refresh = data.aws_iam_policy_document.base_image_refresh.json
  }

  name   = each.key
  role   = aws_iam_role.ci[each.key].id
  policy = each.value
}

# Plans read everything Terraform refreshes; the inline policy's denies keep
# data (secret values, objects, logs, messages) out of reach.
resource "aws_iam_role_policy_attachment" "plan_read_only" {
  role       = aws_iam_role.ci["terraform-plan"].name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
