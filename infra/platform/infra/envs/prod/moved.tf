# Resources that moved to the bootstrap root (infra/platform/infra/bootstrap):
# an existing prod state forgets them without destroying them, and the
# bootstrap root imports them (infra/README.md, "Moving an existing
# deployment"). On an empty account these blocks do nothing.
removed {
  from = module.ecr_blog_data

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.ecr_portal

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.iam.aws_iam_openid_connect_provider.circleci

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.iam.aws_iam_role.circleci_deploy

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.iam.aws_iam_role.circleci_image_push

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.iam.aws_iam_role_policy.circleci_deploy

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.iam.aws_iam_role_policy.circleci_image_push

  lifecycle {
    destroy = false
  }
}

# The ork processor's role now lives beside the function.
moved {
  from = module.iam.aws_iam_role.ork_processor
  to   = module.ork_processor.aws_iam_role.this
}

moved {
  from = module.iam.aws_iam_role_policy_attachment.ork_processor_logs
  to   = module.ork_processor.aws_iam_role_policy_attachment.logs
}

moved {
  from = module.iam.aws_iam_role_policy.ork_processor
  to   = module.ork_processor.aws_iam_role_policy.this
}
