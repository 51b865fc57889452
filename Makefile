# `sam build` runs build-ScanFunction (template.yaml: Metadata BuildMethod makefile) with ARTIFACTS_DIR set
# to the folder it deploys. The Maven build makes target/function.zip; its contents are the deployment.
#   sam build                      JVM variant (java21)
#   VARIANT=native sam build       native variant (provided.al2023); deploy with Variant=native
VARIANT ?= jvm

ifeq ($(VARIANT),jvm)
MAVEN_VARIANT_FLAGS :=
else ifeq ($(VARIANT),native)
MAVEN_VARIANT_FLAGS := -Dnative
else
$(error VARIANT must be jvm or native, not '$(VARIANT)')
endif

.PHONY: build-ScanFunction
build-ScanFunction:
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set: run 'sam build', or make build-ScanFunction ARTIFACTS_DIR=<dir>" >&2; exit 1; }
	./mvnw -B package -DskipTests $(MAVEN_VARIANT_FLAGS)
	mkdir -p "$(ARTIFACTS_DIR)"
	unzip -o -q target/function.zip -d "$(ARTIFACTS_DIR)"
