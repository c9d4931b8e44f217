locals {
  prefect_auth = [
    # Basic auth between every Prefect client and the server.
    { name = "PREFECT_API_AUTH_STRING", valueFrom = "${var.prefect_secret_arn}:API_AUTH_STRING::" },
  ]
}

# The Prefect server (API and UI): the pipelines surface behind CloudFront.
resource "aws_ecs_task_definition" "prefect_server" {
  family                   = "${var.name}-prefect-server"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 1024
  memory                   = 2048
  execution_role_arn       = var.execution_role_arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name      = "prefect-server"
      image     = var.prefect_base_image
      essential = true
      command   = ["prefect", "server", "start", "--host", "0.0.0.0", "--port", "4200"]
      portMappings = [
        { containerPort = 4200, protocol = "tcp" },
      ]
      environment = [
        { name = "PREFECT_UI_API_URL", value = "${var.pipelines_url}/api" },
        { name = "PREFECT_SERVER_ANALYTICS_ENABLED", value = "false" },
        { name = "PREFECT_SERVER_DATABASE_DRIVER", value = "postgresql+asyncpg" },
        { name = "PREFECT_SERVER_DATABASE_HOST", value = var.database.host },
        { name = "PREFECT_SERVER_DATABASE_PORT", value = tostring(var.database.port) },
        { name = "PREFECT_SERVER_DATABASE_NAME", value = var.database.name },
        { name = "PGSSLMODE", value = "require" },
      ]
      secrets = [
        { name = "PREFECT_SERVER_DATABASE_USER", valueFrom = "${var.database.prefect_secret_arn}:username::" },
        { name = "PREFECT_SERVER_DATABASE_PASSWORD", valueFrom = "${var.database.prefect_secret_arn}:password::" },
        { name = "PREFECT_SERVER_API_AUTH_STRING", valueFrom = "${var.prefect_secret_arn}:API_AUTH_STRING::" },
      ]
      logConfiguration = local.log_options["prefect-server"]
    },
  ])
}

resource "aws_ecs_service" "prefect_server" {
  name                              = "prefect-server"
  cluster                           = aws_ecs_cluster.this.id
  task_definition                   = aws_ecs_task_definition.prefect_server.arn
  desired_count                     = var.prefect_server_desired_count
  launch_type                       = "FARGATE"
  platform_version                  = "1.4.0"
  health_check_grace_period_seconds = 180
  propagate_tags                    = "SERVICE"
  wait_for_steady_state             = true

  # One server at a time: it migrates the database on start.
  deployment_minimum_healthy_percent = 0
  deployment_maximum_percent         = 100

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.prefect_server.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.prefect.arn
    container_name   = "prefect-server"
    container_port   = 4200
  }

  service_registries {
    registry_arn = aws_service_discovery_service.prefect_server.arn
  }

  depends_on = [aws_lb_listener_rule.surface]
}

# The ECS worker: polls the work pool and starts one ECS task per flow run.
resource "aws_ecs_task_definition" "prefect_worker" {
  family                   = "${var.name}-prefect-worker"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = var.execution_role_arn
  task_role_arn            = var.prefect_worker_task_role_arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name      = "prefect-worker"
      image     = var.prefect_base_image
      essential = true
      command   = ["prefect", "worker", "start", "--type", "ecs", "--pool", var.prefect_work_pool]
      environment = [
        { name = "PREFECT_API_URL", value = local.prefect_api_url },
        { name = "AWS_REGION", value = var.aws_region },
        { name = "AWS_DEFAULT_REGION", value = var.aws_region },
      ]
      secrets          = local.prefect_auth
      logConfiguration = local.log_options["prefect-worker"]
    },
  ])
}

resource "aws_ecs_service" "prefect_worker" {
  name             = "prefect-worker"
  cluster          = aws_ecs_cluster.this.id
  task_definition  = aws_ecs_task_definition.prefect_worker.arn
  desired_count    = var.prefect_worker_desired_count
  launch_type      = "FARGATE"
  platform_version = "1.4.0"
  propagate_tags   = "SERVICE"

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.prefect_tasks.id]
    assign_public_ip = false
  }
}

# The deployer: not a service. Run on demand (`aws ecs run-task`, see the root
# output prefect_deployer_run_task) to `prefect deploy --all` from inside the
# VPC, where the Prefect API is reachable.
resource "aws_ecs_task_definition" "prefect_deployer" {
  family                   = "${var.name}-prefect-deployer"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = var.execution_role_arn
  task_role_arn            = var.prefect_deployer_task_role_arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name      = "prefect-deployer"
      image     = var.prefect_deployer_image
      essential = true
      environment = [
        { name = "PREFECT_API_URL", value = local.prefect_api_url },
        { name = "FLOWS_REPOSITORY", value = var.flows_repository },
        { name = "FLOWS_REF", value = var.flows_ref },
        { name = "AWS_REGION", value = var.aws_region },
      ]
      secrets = concat(local.prefect_auth, [
        { name = "GITHUB_TOKEN", valueFrom = "${var.flows_git_secret_arn}:GITHUB_TOKEN::" },
      ])
      logConfiguration = local.log_options["prefect-deployer"]
    },
  ])
}
