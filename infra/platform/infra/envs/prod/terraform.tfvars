# Non-secret identifiers of the CircleCI organization and project whose jobs
# may assume the deploy roles (CircleCI: Organization / Project Settings).
circleci_org_id     = "5f1c2b7e-8a34-4d0e-9c61-2b7d9e4a3f10"
circleci_project_id = "a83d6c1f-42b9-4e57-8f0a-6c9e1d2b7a45"
