locals {
  # JSON keys of the portal secret, injected one by one as environment
  # variables (see app-config.production.yaml).
  portal_secret_keys = [
    "BACKEND_SECRET",
    "GITHUB_TOKEN",
    "CIRCLECI_TOKEN",
    "CIRCLECI_WEBHOOK_SECRET",
    "AUTH_GITHUB_CLIENT_ID",
    "AUTH_GITHUB_CLIENT_SECRET",
  ]
}

data "aws_caller_identity" "current" {}

resource "aws_ecs_task_definition" "portal" {
  family                   = "${var.name}-portal"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 1024
  memory                   = 2048
  execution_role_arn       = var.execution_role_arn
  task_role_arn            = var.portal_task_role_arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name      = "portal"
      image     = var.portal_image
      essential = true
      portMappings = [
        { containerPort = 7007, protocol = "tcp" },
      ]
      environment = [
        { name = "NODE_ENV", value = "production" },
        { name = "PORTAL_BASE_URL", value = var.portal_base_url },
        { name = "POSTGRES_HOST", value = var.database.host },
        { name = "POSTGRES_PORT", value = tostring(var.database.port) },
        { name = "REDIS_HOST", value = var.cache.host },
        { name = "REDIS_PORT", value = tostring(var.cache.port) },
        { name = "REDIS_USERNAME", value = var.cache.username },
        { name = "AWS_ACCOUNT_ID", value = data.aws_caller_identity.current.account_id },
        { name = "AWS_REGION", value = var.aws_region },
        { name = "PROD_PORTAL_HEALTH_URL", value = "${var.portal_base_url}/.backstage/health/v1/readiness" },
        { name = "PROD_PIPELINES_HEALTH_URL", value = "${var.pipelines_url}/api/health" },
      ]
      secrets = concat(
        [for key in local.portal_secret_keys : { name = key, valueFrom = "${var.portal_secret_arn}:${key}::" }],
        [
          { name = "POSTGRES_USER", valueFrom = "${var.database.portal_secret_arn}:username::" },
          { name = "POSTGRES_PASSWORD", valueFrom = "${var.database.portal_secret_arn}:password::" },
          { name = "REDIS_PASSWORD", valueFrom = "${var.cache.password_secret_arn}:password::" },
        ],
      )
      logConfiguration = local.log_options["portal"]
    },
  ])
}

resource "aws_ecs_service" "portal" {
  name                              = "portal"
  cluster                           = aws_ecs_cluster.this.id
  task_definition                   = aws_ecs_task_definition.portal.arn
  desired_count                     = var.portal_desired_count
  launch_type                       = "FARGATE"
  platform_version                  = "1.4.0"
  health_check_grace_period_seconds = 120
  propagate_tags                    = "SERVICE"
  wait_for_steady_state             = true

  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.portal.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.portal.arn
    container_name   = "portal"
    container_port   = 7007
  }

  depends_on = [aws_lb_listener_rule.surface]
}
