resource "aws_ecs_cluster" "this" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    base              = 1
    weight            = 1
  }
}

resource "aws_cloudwatch_log_group" "this" {
  for_each = toset(["portal", "prefect-server", "prefect-worker", "prefect-deployer", "prefect-flow-runs"])

  name              = "/ecs/${var.name}/${each.key}"
  retention_in_days = var.log_retention_days
}

# The worker and the deployer reach the Prefect API at
# http://prefect-server.<namespace>:4200/api, inside the VPC.
resource "aws_service_discovery_private_dns_namespace" "this" {
  name        = "${var.name}.internal"
  description = "Service discovery for ${var.name}"
  vpc         = var.vpc_id
}

resource "aws_service_discovery_service" "prefect_server" {
  name = "prefect-server"

  dns_config {
    namespace_id   = aws_service_discovery_private_dns_namespace.this.id
    routing_policy = "MULTIVALUE"

    dns_records {
      ttl  = 10
      type = "A"
    }
  }
}

locals {
  prefect_api_url = "http://prefect-server.${aws_service_discovery_private_dns_namespace.this.name}:4200/api"

  log_options = {
    for group, log_group in aws_cloudwatch_log_group.this : group => {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = log_group.name
        "awslogs-region"        = var.aws_region
        "awslogs-stream-prefix" = group
      }
    }
  }
}
