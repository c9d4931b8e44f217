# The recorded park state. Terraform creates the parameter and then leaves its
# value alone: terraform-prod.sh writes it (park/unpark) and reads it (every
# plan), passing -var parked=<value>. See infra/README.md, "Park mode".
resource "aws_ssm_parameter" "parked" {
  name        = "/rocket-club/prod/parked"
  description = "Whether prod is parked (true/false). Written by terraform-prod.sh park/unpark only."
  type        = "String"
  value       = tostring(var.parked)

  lifecycle {
    ignore_changes = [value]
  }
}

# A plan run by hand with a parked value that disagrees with the record is
# reported loudly (check blocks warn; the wrapper is what enforces).
check "park_state_matches_record" {
  data "aws_ssm_parameter" "parked" {
    name = "/rocket-club/prod/parked"
  }

  assert {
    condition     = data.aws_ssm_parameter.parked.insecure_value == tostring(var.parked)
    error_message = "var.parked is ${var.parked} but /rocket-club/prod/parked records ${data.aws_ssm_parameter.parked.insecure_value}: run plans through infra/platform/scripts/terraform-prod.sh."
  }
}
