# Aurora PostgreSQL (Serverless v2) for the portal and the Prefect server.
# Stateful and never parked; the master password is generated and rotated by
# RDS in Secrets Manager, so it is never in Terraform state. No application
# logs in as the master user: each has its own user and secret (infra/README.md,
# "First apply"), created through the Data API, so RDS's weekly rotation of
# the master password restarts nothing.
resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_security_group" "this" {
  name        = "${var.name}-aurora"
  description = "Aurora PostgreSQL: reachable only from the listed security groups"
  vpc_id      = var.vpc_id

  tags = { Name = "${var.name}-aurora" }
}

resource "aws_vpc_security_group_ingress_rule" "postgres" {
  for_each = var.allowed_security_group_ids

  security_group_id            = aws_security_group.this.id
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "PostgreSQL from ${each.key}"
}

resource "aws_rds_cluster" "this" {
  cluster_identifier = var.name
  engine             = "aurora-postgresql"
  engine_mode        = "provisioned"
  engine_version     = var.engine_version
  database_name      = var.database_name
  master_username    = var.master_username

  manage_master_user_password = true
  # The Data API: how an administrator creates the application users without
  # a host inside the VPC. IAM decides who may call it (the CI roles may not).
  enable_http_endpoint = true

  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.this.id]

  storage_encrypted               = true
  deletion_protection             = true
  backup_retention_period         = var.backup_retention_days
  preferred_backup_window         = "02:00-03:00"
  preferred_maintenance_window    = "sun:03:30-sun:04:30"
  copy_tags_to_snapshot           = true
  skip_final_snapshot             = false
  final_snapshot_identifier       = "${var.name}-final"
  enabled_cloudwatch_logs_exports = ["postgresql"]

  serverlessv2_scaling_configuration {
    min_capacity = var.min_capacity
    max_capacity = var.max_capacity
  }

  lifecycle {
    prevent_destroy = true
    # Minor versions are upgraded by RDS (auto_minor_version_upgrade on the
    # instances): engine_version is the version the cluster was created with,
    # and a plan must not try to downgrade it afterwards.
    ignore_changes = [engine_version]
  }
}

resource "aws_rds_cluster_instance" "this" {
  count = var.instance_count

  identifier                   = "${var.name}-${count.index + 1}"
  cluster_identifier           = aws_rds_cluster.this.id
  instance_class               = "db.serverless"
  engine                       = aws_rds_cluster.this.engine
  db_subnet_group_name         = aws_db_subnet_group.this.name
  performance_insights_enabled = true
  auto_minor_version_upgrade   = true
}
