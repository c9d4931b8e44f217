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

  # Prod pins images in this repository by tag.
  lifecycle {
    prevent_destroy = true
  }
}

# Only untagged images expire (for example the image a refreshed base tag no
# longer names). Tagged images are kept: prod may pin any of them.
resource "aws_ecr_lifecycle_policy" "this" {
  repository = aws_ecr_repository.this.name

  policy = jsonencode({
    rules = [
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
    ]
  })
}
