# Messages: confirmations, prompts, warnings and errors.

man-name = 名称
man-synopsis = 用法
man-description = 说明
man-options = 选项
man-subcommands = 子命令
man-version = 版本
