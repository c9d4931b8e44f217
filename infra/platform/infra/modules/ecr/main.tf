# One ECR repository whose tags can never be moved: a tag, once pushed, names
# the same image for as long as the repository exists.
resource "aws_ecr_repository" "this" {
  name                 = var.name
  image_tag_mutability = "IMMUTABLE"
  force_delete         = false

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }

  # Prod pins images in this repository (by digest, looked up from the tag).
  lifecycle {
    prevent_destroy = true
  }
}

# Untagged images expire (for example the image a refreshed base tag no
# longer names). Tagged images are kept, except that for each prefix of
# var.keep_newest_tagged only the newest N stay: prod pins the newest, and
# ECS runs what prod pins by digest (envs/prod/images.tf).
resource "aws_ecr_lifecycle_policy" "this" {
  repository = aws_ecr_repository.this.name

  policy = jsonencode({
    rules = concat(
      [
        {
          rulePriority = 1
          description  = "Expire untagged images after ${var.untagged_retention_days} days"
          selection = {
            tagStatus   = "untagged"
            countType   = "sinceImagePushed"
            countUnit   = "days"
            countNumber = var.untagged_retention_days
          }
          action = { type = "expire" }
        },
      ],
      [
        for index, prefix in sort(keys(var.keep_newest_tagged)) : {
          rulePriority = index + 2
          description  = "Keep the newest ${var.keep_newest_tagged[prefix]} images tagged ${prefix}*"
          selection = {
            tagStatus     = "tagged"
            tagPrefixList = [prefix]
            countType     = "imageCountMoreThan"
            countNumber   = var.keep_newest_tagged[prefix]
          }
          action = { type = "expire" }
        }
      ],
    )
  })
}
