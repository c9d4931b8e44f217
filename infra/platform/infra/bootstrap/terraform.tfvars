# Replace these before the first apply (infra/README.md, "First apply", step 1):
# the prod account, and the CircleCI organization and project IDs
# (Organization Settings / Project Settings) whose jobs may assume the roles.
aws_account_id      = "111122223333"
circleci_org_id     = "5f1c2b7e-8a34-4d0e-9c61-2b7d9e4a3f10"
circleci_project_id = "a83d6c1f-42b9-4e57-8f0a-6c9e1d2b7a45"
